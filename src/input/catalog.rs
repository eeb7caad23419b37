//! Input models: the Keystone service catalog (not implemented yet).
