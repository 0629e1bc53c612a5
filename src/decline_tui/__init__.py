"""decline-tui: decline a job offer gracefully, from the terminal."""

__version__ = "0.1.0"
