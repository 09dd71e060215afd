"""Pure domain: ids, errors, clock, value types. No I/O, no Qt, nothing of the project."""
