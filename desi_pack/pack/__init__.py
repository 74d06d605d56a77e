"""The documents of a trainer's pack and the build that makes them."""
