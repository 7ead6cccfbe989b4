"""Bounds on what is read, shared by the reader and the file layer."""

MAX_FILE_BYTES = 16 * 1024 * 1024
# Frontmatter lines read (real files have tens; 20,000 took seconds to list): over it, a problem.
MAX_FRONTMATTER_LINES = 5_000
