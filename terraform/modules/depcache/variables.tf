variable "name" {
  description = "Prefix for every resource name (letters, digits and hyphens)."
  type        = string
  default     = "smolsnake"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{0,30}$", var.name))
    error_message = "name must start with a letter and hold at most 31 letters, digits or hyphens."
  }
}

variable "network" {
  description = <<-EOT
    An existing VPC to use instead of creating one: its id, the private subnets for the mount
    targets, the worker and the functions (one per Availability Zone), and the route tables the
    S3 gateway endpoint attaches to. Null creates a new VPC with private, dual-stack subnets.
  EOT
  type = object({
    vpc_id          = string
    subnet_ids      = list(string)
    route_table_ids = list(string)
  })
  default = null
}

variable "vpc_cidr" {
  description = "IPv4 range of the new VPC (ignored with network)."
  type        = string
  default     = "10.42.0.0/16"
}

variable "az_count" {
  description = "Availability Zones the new VPC spans: one private subnet and one EFS mount target each."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 4
    error_message = "az_count must be between 1 and 4."
  }
}

variable "ipv6_egress" {
  description = <<-EOT
    Give the new VPC an IPv6 range and an egress-only internet gateway, so the worker and the
    lock Lambda reach the package index (pypi.org answers over IPv6) without a NAT gateway and
    without any public IPv4 address. Set false when the index is reachable privately (an S3
    mirror through the gateway endpoint, or your own egress with network).
  EOT
  type        = bool
  default     = true
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints (the short name after com.amazonaws.<region>.)."
  type        = set(string)
  default     = ["sqs", "states", "logs", "ssm", "ssmmessages", "ec2messages"]
}

variable "endpoint_subnet_count" {
  description = <<-EOT
    How many subnets (Availability Zones) each interface endpoint gets. Each one is billed per
    hour, so the default is 1: the others reach it across zones. Use the subnet count for zonal
    resilience.
  EOT
  type        = number
  default     = 1
}

variable "worker_jar" {
  description = "Where the worker's shaded jar (smolsnake.jar) lives in S3."
  type = object({
    bucket = string
    key    = string
  })
}

variable "worker_architecture" {
  description = "CPU architecture of the worker instances (the wheels it unpacks can be for either)."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.worker_architecture)
    error_message = "worker_architecture must be arm64 or x86_64."
  }
}

variable "worker_instance_type" {
  description = "Instance type of the workers; must match worker_architecture (t4g.* for arm64, t3.* for x86_64)."
  type        = string
  default     = "t4g.small"
}

variable "worker_min_size" {
  description = "Workers kept running when the queue is empty. 0 costs nothing at idle; the first install then waits for an instance to boot (about two minutes)."
  type        = number
  default     = 0
}

variable "worker_max_size" {
  description = "Most workers running at once."
  type        = number
  default     = 2
}

variable "worker_concurrency" {
  description = "Installs each worker runs at once."
  type        = number
  default     = 4
}

variable "worker_volume_size" {
  description = "Root volume of each worker in GiB (downloads are staged there before unpacking to EFS)."
  type        = number
  default     = 30
}

variable "worker_python_versions" {
  description = "Python versions installed on the workers for bytecode compilation (the Lambda runtimes you target). A version the distribution lacks is skipped and its installs report compiled: false."
  type        = list(string)
  default     = ["3.9", "3.11", "3.12", "3.13"]
}

variable "queue_visibility_timeout_seconds" {
  description = "How long a received install message stays hidden; the worker extends it while it works."
  type        = number
  default     = 300
}

variable "max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue."
  type        = number
  default     = 5
}

variable "scale_in_idle_minutes" {
  description = "Minutes the queue must be empty (nothing visible, nothing in flight) before the workers scale in to worker_min_size."
  type        = number
  default     = 15
}

variable "log_retention_days" {
  description = "Retention of the worker log group."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
