"""Data shipped with KubeCanvas: example diagrams, lessons and images (no code)."""
