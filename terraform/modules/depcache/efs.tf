# The store: one encrypted EFS file system with elastic throughput (pay per GB moved, nothing
# provisioned), a mount target per subnet, and one access point that every client uses, so
# workers and functions see the same tree as the same POSIX user at /mnt/smolsnake.

locals {
  mount_path = "/mnt/smolsnake"
  store_path = "${local.mount_path}/store"
  posix_uid  = 1001
  posix_gid  = 1001
}

resource "aws_efs_file_system" "store" {
  creation_token   = "${var.name}-store"
  encrypted        = true
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  tags = merge(local.tags, { Name = "${var.name}-store" })
}

resource "aws_efs_mount_target" "store" {
  count = length(local.subnet_ids)

  file_system_id  = aws_efs_file_system.store.id
  subnet_id       = local.subnet_ids[count.index]
  security_groups = [aws_security_group.efs.id]
}

resource "aws_efs_access_point" "store" {
  file_system_id = aws_efs_file_system.store.id

  posix_user {
    uid = local.posix_uid
    gid = local.posix_gid
  }

  root_directory {
    path = "/smolsnake"
    creation_info {
      owner_uid   = local.posix_uid
      owner_gid   = local.posix_gid
      permissions = "0755"
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-store" })
}

# Clients must use TLS and come through the access point; who may write is decided by the
# clients' IAM roles (the worker has elasticfilesystem:ClientWrite, functions do not).
resource "aws_efs_file_system_policy" "store" {
  file_system_id = aws_efs_file_system.store.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyWithoutTls"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
        Resource  = aws_efs_file_system.store.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutsideTheAccessPoint"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
        Resource  = aws_efs_file_system.store.arn
        Condition = { StringNotEquals = { "elasticfilesystem:AccessPointArn" = aws_efs_access_point.store.arn } }
      },
    ]
  })
}
