variable "region" {
  type    = string
  default = "us-east-1"
}

variable "name" {
  description = "Prefix for every resource name."
  type        = string
  default     = "smolsnake"
}

variable "project_dir" {
  description = "The example project; its [tool.smolsnake] runtime and arch decide the function's."
  type        = string
  default     = "../../../examples/pandas-report"
}

variable "function_name" {
  type    = string
  default = "pandas-report"
}

variable "lock_jar" {
  description = "The lock-task shaded jar (built by ./mvnw package)."
  type        = string
}

variable "inject_jar" {
  description = "The inject-task shaded jar."
  type        = string
}

variable "verify_jar" {
  description = "The verify-task shaded jar."
  type        = string
}

variable "worker_jar" {
  description = "The CLI's shaded jar (smolsnake.jar), which the workers run as `smolsnake worker`."
  type        = string
}

variable "definition_file" {
  description = "Override of the state machine definition (null: the one in workflow-definitions)."
  type        = string
  default     = null
}

variable "lambda_architecture" {
  description = "Architecture of the pipeline's task Lambdas."
  type        = string
  default     = "arm64"
}

variable "worker_min_size" {
  description = "0: no instance while nothing is being installed; 1: installs start without waiting for a boot."
  type        = number
  default     = 0
}
