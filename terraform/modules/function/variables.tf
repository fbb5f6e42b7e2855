variable "function_name" {
  description = "Name of the user's Lambda function."
  type        = string
}

variable "description" {
  type    = string
  default = "Python function deployed by smolsnake (dependencies on EFS)"
}

variable "runtime" {
  description = "Python runtime; the lock is made for exactly this one."
  type        = string
  default     = "python3.12"

  validation {
    condition     = can(regex("^python3\\.(9|1[0-4])$", var.runtime))
    error_message = "runtime must be a Lambda Python runtime smolsnake supports: python3.9 to python3.14."
  }
}

variable "architecture" {
  description = "arm64 or x86_64; the lock picks wheels for it."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "handler" {
  description = "The project's own handler (module.function); smolsnake deploy replaces it with its bootstrap, which calls this one."
  type        = string
  default     = "smolsnake_placeholder.handler"
}

variable "memory_size" {
  type    = number
  default = 1024
}

variable "timeout" {
  type    = number
  default = 30
}

variable "environment" {
  description = "Environment at creation. smolsnake deploy owns the environment afterwards (it adds SMOLSNAKE_ENV), so later changes here are ignored."
  type        = map(string)
  default     = {}
}

variable "store" {
  description = "The dependency cache (depcache outputs): the access point mounted read-only at mount_path, and the network to reach it."
  type = object({
    file_system_arn    = string
    access_point_arn   = string
    mount_path         = string
    subnet_ids         = list(string)
    security_group_ids = list(string)
    ipv6_egress        = bool
  })

  validation {
    condition     = startswith(var.store.mount_path, "/mnt/")
    error_message = "Lambda mounts file systems under /mnt/."
  }
}

variable "additional_security_group_ids" {
  description = "More security groups for the function (what it needs beyond the store)."
  type        = list(string)
  default     = []
}

variable "policy_statements" {
  description = "Extra IAM statements for the function's own work: named actions on named resources."
  type = list(object({
    Sid       = string
    Effect    = optional(string, "Allow")
    Action    = list(string)
    Resource  = list(string)
    Condition = optional(any)
  }))
  default = []

  validation {
    condition     = alltrue(flatten([for s in var.policy_statements : [for a in s.Action : !strcontains(a, "*")]]))
    error_message = "policy_statements must name every action: no wildcards."
  }

  validation {
    condition     = alltrue([for s in var.policy_statements : s.Effect == "Allow" && !contains(s.Resource, "*")])
    error_message = "policy_statements allow actions on named resources (no \"*\" resource; deny by leaving out)."
  }
}

variable "alias_name" {
  description = "The alias verify moves to a version once its smoke test passes; invoke this, not $LATEST."
  type        = string
  default     = "live"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
