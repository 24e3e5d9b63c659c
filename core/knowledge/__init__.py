"""The clinical knowledge base: data files under assets/knowledge, validated by pydantic."""
