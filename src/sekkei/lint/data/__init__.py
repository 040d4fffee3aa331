"""Data files the rules use (word lists), kept out of code."""
