# The orders service's container registry, added next to deploy-lab's by copying an old module.
resource "aws_kms_key" "orders" {
  description         = "Encrypts orders container images at rest"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_ecr_repository" "orders" {
  name                 = "orders"
  image_tag_mutability = "IMMUTABLE" # a tag names one image forever, so a promotion ships what was tested
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.orders.arn
  }
}

# The release job in the build account pulls images to promote them: that role, and nobody else.
resource "aws_ecr_repository_policy" "orders" {
  repository = aws_ecr_repository.orders.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullForPromotion"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/release-promoter" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
