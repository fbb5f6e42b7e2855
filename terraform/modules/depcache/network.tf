# The network: private subnets only. No NAT gateway and no public IPv4 address anywhere:
# AWS APIs are reached through VPC endpoints, the package index over IPv6 through an
# egress-only internet gateway (outbound only, no hourly charge).

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_availability_zones" "available" {
  count = local.create_vpc ? 1 : 0
  state = "available"
}

locals {
  create_vpc = var.network == null
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  tags = merge({ "smolsnake:component" = "depcache" }, var.tags)

  vpc_id          = local.create_vpc ? aws_vpc.this[0].id : var.network.vpc_id
  subnet_ids      = local.create_vpc ? aws_subnet.private[*].id : var.network.subnet_ids
  route_table_ids = local.create_vpc ? [aws_route_table.private[0].id] : var.network.route_table_ids
  ipv6_egress     = local.create_vpc && var.ipv6_egress
}

resource "aws_vpc" "this" {
  count = local.create_vpc ? 1 : 0

  cidr_block                       = var.vpc_cidr
  assign_generated_ipv6_cidr_block = var.ipv6_egress
  # Private DNS of the interface endpoints needs both.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = var.name })
}

resource "aws_subnet" "private" {
  count = local.create_vpc ? var.az_count : 0

  vpc_id                  = aws_vpc.this[0].id
  availability_zone       = data.aws_availability_zones.available[0].names[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  map_public_ip_on_launch = false

  ipv6_cidr_block                 = var.ipv6_egress ? cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, count.index) : null
  assign_ipv6_address_on_creation = var.ipv6_egress

  tags = merge(local.tags, { Name = "${var.name}-private-${count.index}" })
}

resource "aws_egress_only_internet_gateway" "this" {
  count = local.ipv6_egress ? 1 : 0

  vpc_id = aws_vpc.this[0].id
  tags   = merge(local.tags, { Name = var.name })
}

resource "aws_route_table" "private" {
  count = local.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id
  tags   = merge(local.tags, { Name = "${var.name}-private" })
}

resource "aws_route" "ipv6_egress" {
  count = local.ipv6_egress ? 1 : 0

  route_table_id              = aws_route_table.private[0].id
  destination_ipv6_cidr_block = "::/0"
  egress_only_gateway_id      = aws_egress_only_internet_gateway.this[0].id
}

resource "aws_route_table_association" "private" {
  count = local.create_vpc ? var.az_count : 0

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[0].id
}

# --- VPC endpoints -----------------------------------------------------------------------

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = local.vpc_id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = local.route_table_ids

  tags = merge(local.tags, { Name = "${var.name}-s3" })
}

resource "aws_vpc_endpoint" "interface" {
  for_each = var.interface_endpoints

  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = slice(local.subnet_ids, 0, min(var.endpoint_subnet_count, length(local.subnet_ids)))
  security_group_ids  = [aws_security_group.endpoints.id]

  tags = merge(local.tags, { Name = "${var.name}-${each.key}" })
}

# --- Security groups ---------------------------------------------------------------------
# Four groups, each allowing only what its members need: the file system takes NFS from the
# workers and the functions; the endpoints take HTTPS from both; the functions and the
# workers may talk NFS to the file system, HTTPS to the endpoints and S3, and (with IPv6
# egress) HTTPS to the internet for the package index. DNS to the VPC resolver is not
# subject to security groups.

resource "aws_security_group" "efs" {
  name        = "${var.name}-efs"
  description = "smolsnake EFS mount targets: NFS from workers and functions"
  vpc_id      = local.vpc_id
  tags        = local.tags
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "smolsnake interface endpoints: HTTPS from workers and functions"
  vpc_id      = local.vpc_id
  tags        = local.tags
}

resource "aws_security_group" "worker" {
  name        = "${var.name}-worker"
  description = "smolsnake install workers"
  vpc_id      = local.vpc_id
  tags        = local.tags
}

resource "aws_security_group" "function" {
  name        = "${var.name}-function"
  description = "Lambda functions that mount the smolsnake store"
  vpc_id      = local.vpc_id
  tags        = local.tags
}

locals {
  clients = {
    worker   = aws_security_group.worker.id
    function = aws_security_group.function.id
  }
}

resource "aws_vpc_security_group_ingress_rule" "efs_from_clients" {
  for_each = local.clients

  security_group_id            = aws_security_group.efs.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  description                  = "NFS from ${each.key}"
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_clients" {
  for_each = local.clients

  security_group_id            = aws_security_group.endpoints.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from ${each.key}"
}

resource "aws_vpc_security_group_egress_rule" "clients_to_efs" {
  for_each = local.clients

  security_group_id            = each.value
  referenced_security_group_id = aws_security_group.efs.id
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  description                  = "NFS to the store"
}

resource "aws_vpc_security_group_egress_rule" "clients_to_endpoints" {
  for_each = local.clients

  security_group_id            = each.value
  referenced_security_group_id = aws_security_group.endpoints.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS to interface endpoints"
}

resource "aws_vpc_security_group_egress_rule" "clients_to_s3" {
  for_each = local.clients

  security_group_id = each.value
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to S3 through the gateway endpoint"
}

# The package index: over IPv6 in the VPC this module creates; in a VPC you give, through
# whatever egress it has (your routes decide where 443 goes).
locals {
  index_egress = merge(
    local.ipv6_egress ? { ipv6 = "::/0" } : {},
    local.create_vpc ? {} : { ipv4 = "0.0.0.0/0" },
  )
  index_egress_rules = {
    for pair in setproduct(keys(local.clients), keys(local.index_egress)) :
    "${pair[0]}-${pair[1]}" => { group = local.clients[pair[0]], family = pair[1], cidr = local.index_egress[pair[1]] }
  }
}

resource "aws_vpc_security_group_egress_rule" "clients_to_index" {
  for_each = local.index_egress_rules

  security_group_id = each.value.group
  cidr_ipv4         = each.value.family == "ipv4" ? each.value.cidr : null
  cidr_ipv6         = each.value.family == "ipv6" ? each.value.cidr : null
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to the package index"
}
