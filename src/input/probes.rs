//! Input models: observations of the cloud's behaviour (not implemented yet).
