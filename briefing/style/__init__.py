"""Audience templates: validated styles/<name>.yaml files."""
