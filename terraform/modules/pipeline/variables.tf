variable "name" {
  description = "Prefix for every resource name."
  type        = string
  default     = "smolsnake"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{0,30}$", var.name))
    error_message = "name must start with a letter and hold at most 31 letters, digits or hyphens."
  }
}

variable "definition_file" {
  description = "The state machine's ASL document, a templatefile with $${lock_function_arn}, $${inject_function_arn}, $${verify_function_arn} and $${install_queue_url}. Null: workflow-definitions' pipeline.asl.json in this repository."
  type        = string
  default     = null
}

variable "lambda_runtime" {
  description = "Runtime of the lock, inject and verify Lambdas."
  type        = string
  default     = "java21"

  validation {
    condition     = can(regex("^java(17|21|2[2-9])$", var.lambda_runtime))
    error_message = "lambda_runtime must be a Java runtime of version 17 or later (java17, java21, …): the task jars need it."
  }
}

variable "lambda_architecture" {
  description = "Architecture of the task Lambdas (the jars are pure Java: arm64 is cheaper per GB-second)."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

variable "lambda_packages" {
  description = <<-EOT
    The shaded jar of each task (keys lock, inject, verify): either a local file, or an S3
    object (bucket and key, optionally a version).
  EOT
  type = map(object({
    file       = optional(string)
    s3_bucket  = optional(string)
    s3_key     = optional(string)
    s3_version = optional(string)
  }))

  validation {
    condition     = toset(keys(var.lambda_packages)) == toset(["lock", "inject", "verify"])
    error_message = "lambda_packages needs exactly the keys lock, inject and verify."
  }

  validation {
    condition = alltrue([
      for p in values(var.lambda_packages) :
      (p.file != null) != (p.s3_bucket != null && p.s3_key != null)
    ])
    error_message = "Each lambda package gives either file or both s3_bucket and s3_key."
  }
}

variable "lambda_memory_size" {
  description = "Memory (MB) of each task Lambda."
  type        = map(number)
  default     = { lock = 1769, inject = 512, verify = 512 }
}

variable "lambda_timeout" {
  description = "Timeout (seconds) of each task Lambda."
  type        = map(number)
  default     = { lock = 300, inject = 120, verify = 120 }
}

variable "lambda_environment" {
  description = "Extra environment variables for all three task Lambdas."
  type        = map(string)
  default     = {}
}

variable "store" {
  description = "The dependency cache from the depcache module: the lock Lambda mounts it read-only to compute the install plan."
  type = object({
    file_system_arn    = string
    access_point_arn   = string
    mount_path         = string
    subnet_ids         = list(string)
    security_group_ids = list(string)
    ipv6_egress        = bool
  })
}

variable "install_queue" {
  description = "The install queue from the depcache module."
  type = object({
    url = string
    arn = string
  })
}

variable "worker_role_name" {
  description = "The install workers' role (depcache's worker_role_name): granted read access to the artifact bucket. Null grants nothing."
  type        = string
  default     = null
}

variable "target_function_arns" {
  description = "Unqualified ARNs of the functions the pipeline may deploy to (inject updates and publishes them, verify invokes them and moves their alias)."
  type        = list(string)
  default     = []
}

variable "bundle_prefix" {
  description = "Key prefix of the deployment bundles inject writes (passed to the task Lambdas)."
  type        = string
  default     = "bundles/"
}

variable "expire_after_days" {
  description = <<-EOT
    Lifecycle: key prefix => days after which objects under it are deleted. Old deployment
    bundles go after 30 days by default (a published Lambda version keeps its own copy of the
    code). Keep jars you boot workers from outside these prefixes.
  EOT
  type        = map(number)
  default     = { "bundles/" = 30, "sources/" = 90, "runs/" = 90 }
}

variable "bucket_force_destroy" {
  description = "Let terraform destroy delete a non-empty artifact bucket."
  type        = bool
  default     = false
}

variable "state_machine_log_level" {
  description = "Step Functions log level (ALL, ERROR, FATAL); execution data is never logged."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL"], var.state_machine_log_level)
    error_message = "state_machine_log_level must be ALL, ERROR or FATAL (OFF is not allowed: the pipeline is always logged)."
  }
}

variable "log_retention_days" {
  description = "Retention of the Lambda and state machine log groups."
  type        = number
  default     = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
