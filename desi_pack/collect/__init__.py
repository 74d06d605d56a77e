"""Collecting filled-in forms after a meeting: answers, attendance and certificates in one place."""
