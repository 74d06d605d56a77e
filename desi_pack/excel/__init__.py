"""Building blocks for Excel workbooks: cells that keep user text as text."""
