//! scs-0104 v1 (standard images): not implemented yet.
