"""Building blocks for Word documents: XML pieces, content controls, frames, compiled templates."""
