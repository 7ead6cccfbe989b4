"""agenttui: browse, validate and edit AI agent definition files in the terminal."""

__version__ = "0.1.0"
