//! scs-0115 v1 (default rules for security groups): not implemented yet.
