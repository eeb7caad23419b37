//! scs-0116 v1 (key manager): not implemented yet.
