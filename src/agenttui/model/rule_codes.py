"""Every problem code with its severity, an example and the fix: what SARIF output and the
documentation say about each rule (the README's table of problem codes, in one place)."""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    code: str
    severity: str
    example: str
    fix: str


RULES: tuple[Rule, ...] = (
    Rule('AT001', 'error',
         'an empty file',
         'write the frontmatter and a body'),
    Rule('AT002', 'error',
         'bytes that are not UTF-8 (`\\xff`)',
         're-save the file as UTF-8; agenttui shows it read-only meanwhile'),
    Rule('AT003', 'error',
         'a binary file (NUL bytes)',
         'not an agent file: remove it from the agents folder'),
    Rule('AT004', 'error',
         'no `---` on the first line',
         'start the file with `---`, the fields, and `---`'),
    Rule('AT005', 'error',
         '`---` opened but never closed',
         'add a `---` line after the last field'),
    Rule('AT006', 'error',
         'a file over 16 MiB',
         'agenttui shows it read-only'),
    Rule('AT007', 'error',
         'unreadable: permission denied, a link to nothing',
         'fix the permission or the link'),
    Rule('AT010', 'warning',
         '`description: Use it. Examples: …` on one unquoted line',
         '`agenttui fix` quotes the value (same string)'),
    Rule('AT011', 'error',
         '`description: … Examples:` followed by `<example>` lines at column 0',
         '`agenttui fix --unsafe` (or `f` in the app) makes it a `|` block scalar'),
    Rule('AT012', 'error',
         'any other YAML syntax error, e.g. an unclosed quote',
         'edit the line and column given'),
    Rule('AT013', 'error',
         '`name:` twice',
         'remove one of them'),
    Rule('AT014', 'error',
         'a tab used for indentation',
         'indent with spaces'),
    Rule('AT015', 'error',
         'frontmatter that is a list or a single value',
         'write `key: value` fields'),
    Rule('AT016', 'error',
         'a YAML tag such as `!!python/object/apply:os.system`, or a merge key `<<: *base`',
         'remove the tag; agenttui never constructs tagged values; write merged fields out'),
    Rule('AT017', 'error',
         'aliases that expand to an enormous value (an alias bomb)',
         'remove the aliases'),
    Rule('AT018', 'error',
         'values nested more than 64 levels deep',
         'flatten the value'),
    Rule('AT019', 'error',
         'frontmatter over 256 KiB',
         'shorten it'),
    Rule('AT020', 'warning',
         "a tab after the colon: `name:<tab>reviewer` (libyaml reads it, "
         "PyYAML's `yaml.safe_load` stops)",
         'put a space after the `:`'),
    Rule('AT030', 'info',
         '`validate --other-readers`: python-frontmatter / PyYAML cannot read the frontmatter',
         'make it strict YAML (`agenttui fix`)'),
    Rule('AT031', 'info',
         '`validate --other-readers`: a frontmatter PyYAML is not given (AT016–AT019)',
         'fix the problem named'),
    Rule('AT032', 'info',
         '`validate --other-readers`: PyYAML reads a value otherwise (`background: yes` is '
         'True)', '`agenttui fix` writes values both read alike'),
    Rule('AT033', 'info',
         '`validate --other-readers`: python-frontmatter reads another body',
         'remove the mid-line `---` from the frontmatter'),
    Rule('AT101', 'error',
         'no `name`',
         'add `name: my-agent`'),
    Rule('AT102', 'error',
         'no `description`',
         'add a description of when to delegate to the agent'),
    Rule('AT103', 'warning',
         '`name: Code_Reviewer`',
         'use lowercase letters, digits and hyphens: `code-reviewer`'),
    Rule('AT104', 'error',
         '`name: tools:reviewer`',
         'remove the `:` (reserved for plugin namespaces)'),
    Rule('AT105', 'error',
         '`description:` holding a list',
         'give the field the type it takes'),
    Rule('AT106', 'error',
         '`description: ""`',
         'write a description'),
    Rule('AT107', 'warning',
         '`name: code-reviewer` in `reviewer.md`',
         'rename the file or the agent (`agenttui rename`)'),
    Rule('AT110', 'warning',
         '`model: sonet`',
         'an alias (`inherit`, `sonnet`, `opus`, `haiku`, …) or a full id like '
         '`claude-sonnet-4-5`'),
    Rule('AT111', 'error',
         '`permissionMode: acceptedits`',
         'one of the listed values (the message suggests the closest)'),
    Rule('AT112', 'warning',
         '`color: magenta`',
         'one of `red blue green yellow purple orange pink cyan`'),
    Rule('AT113', 'error',
         '`maxTurns: 0`',
         'a positive whole number'),
    Rule('AT114', 'error',
         '`background: sometimes`',
         '`true` or `false` (`yes`/`no`/`on`/`off` also work)'),
    Rule('AT120', 'warning',
         '`tools: Read, grep`',
         'the closest known name is suggested: `Grep`'),
    Rule('AT121', 'warning',
         '`Bash` in both `tools` and `disallowedTools`',
         'remove it from one of them'),
    Rule('AT130', 'warning',
         '`tool: Read`',
         'did you mean `tools`?'),
    Rule('AT131', 'warning',
         '`allowed-tools: Read`',
         'that is the spelling for skills and commands; agents use `tools`'),
    Rule('AT140', 'error',
         '`skills: lint`',
         'a list: `skills: [lint]`'),
    Rule('AT141', 'error',
         '`mcpServers: github`',
         'a list of names or `{name: config}` mappings'),
    Rule('AT142', 'error',
         '`hooks: {PreToolUse: echo}`',
         'event → list of matchers, as in settings'),
    Rule('AT143', 'warning',
         '`hooks: {PreToolUs: …}`',
         'a known event name (`PreToolUse`, …)'),
    Rule('AT201', 'error',
         'two agents named `reviewer` in one scope',
         'rename one; Claude Code loads only one'),
    Rule('AT202', 'info',
         'a user agent with the same name as a project agent',
         'shown as shadowed: the project agent wins'),
    Rule('AT203', 'info',
         'the project agent that hides it',
         '—'),
    Rule('AT301', 'warning',
         'an empty body',
         'write the system prompt'),
)
BY_CODE = {rule.code: rule for rule in RULES}
FORMAT_CODES = range(500, 850)  # a block of 50 per format (model.formats.checks.OFFSETS)


def rule(code: str) -> Rule | None:
    """The rule of ``code``: one of ``RULES``, or an offset of a format's block."""
    if code in BY_CODE:
        return BY_CODE[code]
    number = int(code[2:]) if code[2:].isdigit() else -1
    if number not in FORMAT_CODES:
        return None
    from agenttui.model.formats import every
    from agenttui.model.formats.checks import OFFSETS

    for fmt in every():
        if fmt.codes is not None and fmt.codes <= number < fmt.codes + 50:
            said = OFFSETS.get(number - fmt.codes)
            if said is None:
                return Rule(code, "error", f"{fmt.label}: a rule of its own", "see the message")
            return Rule(code, said[0], f"{fmt.label}: {said[1]}", said[2])
    return None
