# --8<-- [start:versions]
terraform {
  # Works with Terraform 1.13 and OpenTofu 1.10 (both read this block).
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
  # Remote state with native S3 locking (use_lockfile); no DynamoDB table needed any more.
  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "deploy-lab/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
# --8<-- [end:versions]
