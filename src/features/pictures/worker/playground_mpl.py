"""A matplotlib backend that shows figures in the Output (placeholder)."""
