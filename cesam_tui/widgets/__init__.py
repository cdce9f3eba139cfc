"""Widgets of the cesam UI."""
