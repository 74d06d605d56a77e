"""Writing the output: jobs, all-or-nothing writes that keep what the user edited, PDFs."""
