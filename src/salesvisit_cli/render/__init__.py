"""The only package that knows Rich: every screen and the JSON writer."""
