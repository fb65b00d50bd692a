"""Chinese text conventions, placeholders, similarity and word segmentation."""
