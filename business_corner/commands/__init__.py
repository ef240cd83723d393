"""Staff commands that live in their own files; ``business_corner.cli`` registers them."""
