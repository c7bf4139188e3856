"""The constructions, one module per family; `pipeline.py` imports them (which registers each in
`construction.CONSTRUCTIONS`) and runs them in order. Their examples are `examples/*.toml`."""
