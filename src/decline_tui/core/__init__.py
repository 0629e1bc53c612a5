"""The pure domain: no Textual import anywhere below here."""
