"""Events (PLOVER), their arguments, attribution and modality; quotes; temporal expressions."""
