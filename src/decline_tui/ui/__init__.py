"""The Textual UI: thin widgets over decline_tui.core."""
