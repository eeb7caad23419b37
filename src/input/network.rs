//! Input models: Neutron security group rules (not implemented yet).
