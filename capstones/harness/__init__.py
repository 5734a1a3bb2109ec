"""Starting reference services and their broken variants, and grading each: `make capstones` and the suite."""
