//! scs-0114 v1 (volume types): not implemented yet.
