# The registry, moved into modules/service-registry so every service can reuse it. By the module
# convention, each resource is now called "this". Terraform matches state and code by address, so the
# moved blocks below tell it that the objects it knows under the old addresses are these.
resource "aws_kms_key" "this" {
  description         = "Encrypts ${var.name} container images at rest"
  enable_key_rotation = true
}

resource "aws_ecr_repository" "this" {
  name                 = var.name
  # Released images live here: refuse any plan that would replace the repository (a renamed block is not
  # protected by this; the moved blocks are what protect it from the refactoring).
  lifecycle {
    prevent_destroy = true
  }
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

moved {
  from = aws_kms_key.registry
  to   = aws_kms_key.this
}

moved {
  from = aws_ecr_repository.service
  to   = aws_ecr_repository.this
}

moved {
  from = aws_ecr_lifecycle_policy.service
  to   = aws_ecr_lifecycle_policy.this
}
