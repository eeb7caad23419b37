//! scs-0101 v1 (entropy): not implemented yet.
