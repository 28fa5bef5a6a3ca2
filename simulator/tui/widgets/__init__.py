"""One widget per module; each declares the messages it posts."""
