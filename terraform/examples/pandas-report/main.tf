# The example function (examples/pandas-report: pandas + pyarrow, a few hundred MB of wheels)
# on a complete smolsnake stack: the dependency cache, the pipeline, and the function.

locals {
  pyproject = file("${var.project_dir}/pyproject.toml")
  # The function is created for the same target the lock is made for: one source of truth.
  runtime      = regex("(?m)^runtime\\s*=\\s*\"([^\"]+)\"", local.pyproject)[0]
  architecture = regex("(?m)^arch\\s*=\\s*\"([^\"]+)\"", local.pyproject)[0]

  worker_jar_key = "releases/smolsnake-${filemd5(var.worker_jar)}.jar"
}

module "depcache" {
  source = "../../modules/depcache"

  name = var.name
  # Through the object, so no worker boots before its jar is uploaded.
  worker_jar      = { bucket = aws_s3_object.worker_jar.bucket, key = aws_s3_object.worker_jar.key }
  worker_min_size = var.worker_min_size
}

module "pipeline" {
  source = "../../modules/pipeline"

  name                = var.name
  definition_file     = var.definition_file
  lambda_architecture = var.lambda_architecture
  lambda_packages = {
    lock   = { file = var.lock_jar }
    inject = { file = var.inject_jar }
    verify = { file = var.verify_jar }
  }

  store = {
    file_system_arn    = module.depcache.efs_file_system_arn
    access_point_arn   = module.depcache.efs_access_point_arn
    mount_path         = module.depcache.mount_path
    subnet_ids         = module.depcache.function_subnet_ids
    security_group_ids = [module.depcache.function_security_group_id]
    ipv6_egress        = module.depcache.ipv6_egress
  }
  install_queue        = { url = module.depcache.install_queue_url, arn = module.depcache.install_queue_arn }
  worker_role_name     = module.depcache.worker_role_name
  target_function_arns = [module.function.function_arn]
}

# The worker jar lives next to the pipeline's artifacts, under a key no lifecycle rule expires.
resource "aws_s3_object" "worker_jar" {
  bucket      = module.pipeline.artifact_bucket
  key         = local.worker_jar_key
  source      = var.worker_jar
  source_hash = filemd5(var.worker_jar)
}

module "function" {
  source = "../../modules/function"

  function_name = var.function_name
  runtime       = local.runtime
  architecture  = local.architecture
  memory_size   = 1024
  timeout       = 60

  store = {
    file_system_arn    = module.depcache.efs_file_system_arn
    access_point_arn   = module.depcache.efs_access_point_arn
    mount_path         = module.depcache.mount_path
    subnet_ids         = module.depcache.function_subnet_ids
    security_group_ids = [module.depcache.function_security_group_id]
    ipv6_egress        = module.depcache.ipv6_egress
  }
}
