"""The screens of the cesam UI."""
