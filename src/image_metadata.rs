//! scs-0102 v1 and v2 (image metadata): not implemented yet.
