//! Input models: Cinder volume types (not implemented yet).
