"""Writers: one module per output format; each takes the model and a layout, returns bytes."""
