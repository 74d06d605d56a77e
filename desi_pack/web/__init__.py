"""desi-pack web: the training and its pack as a page in the browser, a second face on the core beside the CLI."""
