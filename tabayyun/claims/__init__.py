"""Claims as users write them: split into checkable parts (:mod:`.decompose`)."""
