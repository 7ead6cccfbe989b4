"""Bounds on what is read, shared by the reader and the file layer."""

MAX_FILE_BYTES = 16 * 1024 * 1024
