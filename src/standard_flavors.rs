//! scs-0103 v1 (standard flavors): not implemented yet.
