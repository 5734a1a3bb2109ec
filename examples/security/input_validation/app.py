"""A FastAPI service that validates at the boundary: bodies through pydantic, uploads through `check_upload`."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, File, HTTPException, UploadFile

from examples.security.input_validation.files import MAX_UPLOAD_BYTES, UploadTooLarge, check_upload
from examples.security.input_validation.limits import BodySizeLimit
from examples.security.input_validation.schemas import SignupRequest

# The largest file plus room for the multipart boundaries and part headers around it.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 16 * 1024


# --8<-- [start:app]
def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(BodySizeLimit, limit=MAX_REQUEST_BYTES)  # before any parser sees the body

    @app.post("/signup", status_code=201)
    def signup(body: SignupRequest) -> dict[str, str]:
        # FastAPI has already rejected anything that does not fit SignupRequest with a 422.
        return {"username": body.username}

    @app.post("/avatar", status_code=201)
    async def avatar(file: Annotated[UploadFile, File()]) -> dict[str, str]:
        content = await file.read(MAX_UPLOAD_BYTES + 1)  # never read more than the limit into memory
        try:
            accepted = check_upload(file.filename or "", content)
        except UploadTooLarge as error:
            raise HTTPException(status_code=413, detail=str(error)) from None
        except ValueError as error:
            raise HTTPException(status_code=415, detail=str(error)) from None
        return {"stored_as": accepted.storage_name, "type": accepted.media_type}

    return app


# --8<-- [end:app]
