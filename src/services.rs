//! scs-0123 v1 and v2 (mandatory and supported IaaS services): not implemented yet.
