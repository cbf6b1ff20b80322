"""Records out to other tools: Elasticsearch/OpenSearch bulk files, Label Studio, doccano and brat."""
